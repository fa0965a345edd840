"""Data of the plumbing layer: counters of the rate limits when there is no Redis (core.counters)."""

from django.db import models


class WindowCounter(models.Model):
    """How many times `key` was hit in the fixed window that ends at `expires_at`."""

    key = models.CharField(max_length=200, unique=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"{self.key}={self.count}"
