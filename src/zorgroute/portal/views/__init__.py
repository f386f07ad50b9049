"""The portal's pages: family.py for parents and the pupil of 16+, staff.py for the care coordinator."""
