"""Push notifications (webhooks): signed callbacks, retries on the virtual clock, lost pushes."""
