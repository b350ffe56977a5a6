"""Authorization: partners, the authorization page, codes and tokens."""
