from recover_coach.cli.app import main

main()
