"""The JSON API at /api/v1/ (django-ninja): reads for anyone, writes for token holders.

- `visibility`: what an anonymous client and a token holder may read, decided once.
- `auth`: personal API tokens in the Authorization header, and the rate limits.
- `cursor`: cursor pagination over any ordering the pledge list offers.
- `schemas`: what goes in and comes out, which the OpenAPI schema is generated from.
- `endpoints`: the operations, each calling the same selectors and services as the web.
- `docs`: the interactive docs page, from static files (no CDN).
"""
