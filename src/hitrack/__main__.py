from hitrack.cli import main

main()
