from protocheck.entry import main

main()
