"""The HTTP layer: the control plane, file downloads and HTML pages around the domains.

Domains answer plain data or the result types of ``emulator.results``; what lives here turns
requests into calls on the emulator and answers into responses.
"""
