"""The public site under /p/: what readers may see, cached, and how it is invalidated."""
