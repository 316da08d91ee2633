"""Supply-chain facts (the offline part of OpenSSF Scorecard): CI workflows, container
images, download-and-run commands, dependency-update configuration, binary artefacts and
fuzzing set-ups. Each module finds one kind of fact; judging them is left to the
``security`` rules."""
