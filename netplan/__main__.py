from netplan.cli import main

raise SystemExit(main())
