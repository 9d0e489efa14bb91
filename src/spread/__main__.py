from spread.cli import main

raise SystemExit(main())
