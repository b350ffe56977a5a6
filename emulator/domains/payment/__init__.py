"""Payment: escrow per order, the Outlets' wallets and the asynchronous income documents."""
