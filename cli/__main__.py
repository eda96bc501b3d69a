from protocheck.cli.entry import main

main()
