"""OpenClinic: appointment queues for public clinics."""
__version__ = "1.2.0"
