"""Products: the Mart catalogue, its Outlet copies, variants, stock and price."""
