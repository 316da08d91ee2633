from dpgcheck.console import run

run()
