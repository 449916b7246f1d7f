-- The APR step's incentive USD of a day can be unknown (issue 12): production's rolling
-- "PoolIncentive" snapshots have NULL "rewardUsdPerDay" where the script knew no USD value,
-- and a day a programme without a USD value runs on has no incentive figure (incentive_apr
-- and total_apr NULL, the reason in `reason`). Our own table only.
ALTER TABLE pool_apr_daily ALTER COLUMN incentive_usd_per_day DROP NOT NULL;
