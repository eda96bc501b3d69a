from protocheck.app import main

main()
