from hitrack.entry import main

main()
