from dpgcheck.cli import main

main()
