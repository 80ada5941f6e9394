"""Reports own no tables: every figure is an aggregate over the other domains' tables
(cases, plans, referrals, check-ins, alerts, tasks, goals). Their indexes for these
queries are in migration 0025."""
