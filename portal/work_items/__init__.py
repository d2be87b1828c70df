"""A submission as a work item: its status, who has it, its routing decisions and its history.

The staff workspace, the coming API and the case-system hand-off all change a submission through
these functions, never by setting columns themselves: each change writes an event in the same
transaction (the caller's; these functions only flush), and a change made from a stale copy
fails on the submission's version instead of silently overwriting someone else's.
"""
