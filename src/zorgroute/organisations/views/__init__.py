"""Configuration pages for organisations, teams, memberships, roles and people (one module per page group).

Every view: parse → access/ (fetch or visible_*) → selector/service → render. Sub-objects are looked up
inside a parent obtained through access/, so an outsider gets the same 404 as for a missing object.
"""
