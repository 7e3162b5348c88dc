"""One module per step of the guided flow: sender, recipient, items, review, documents."""
