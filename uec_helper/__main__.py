from uec_helper.cli import main

main()
