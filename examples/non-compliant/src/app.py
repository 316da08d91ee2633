print("quickqueue")
