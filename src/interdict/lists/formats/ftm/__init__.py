"""FollowTheMoney JSON lines: members' own lists and lists exported by other systems."""
