const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** "Weekly on Monday at 08:00 (Europe/Berlin)", or "Manual only". */
export function scheduleText(s: {
  frequency: string;
  time: string;
  timeZone: string;
  dayOfWeek?: number;
  dayOfMonth?: number;
}): string {
  const at = `at ${s.time} (${s.timeZone})`;
  switch (s.frequency) {
    case "daily":
      return `Daily ${at}`;
    case "weekly":
      return `Weekly on ${WEEKDAYS[s.dayOfWeek ?? 1]} ${at}`;
    case "monthly":
      return `Monthly on day ${s.dayOfMonth ?? 1} ${at}`;
    default:
      return "Manual only";
  }
}
