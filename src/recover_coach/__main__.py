from recover_coach.cli.entry import main

main()
