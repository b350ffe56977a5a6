"""Returns and refunds: buyers' return requests on delivered orders, the seller's answers, Shopee's rulings."""
