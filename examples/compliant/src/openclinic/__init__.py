# SPDX-FileCopyrightText: 2024 The OpenClinic contributors
# SPDX-License-Identifier: MIT

"""OpenClinic: appointment queues for public clinics."""
__version__ = "1.2.0"
