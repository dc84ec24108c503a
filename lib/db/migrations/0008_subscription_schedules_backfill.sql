-- Weekly schedules kept their one day in day_of_week; the weekly schedule now reads days_of_week.
UPDATE "subscriptions" SET "days_of_week" = ARRAY["day_of_week"] WHERE "frequency" = 'weekly';
