export * from "./schedules";
export * from "./users";
export * from "./tokens";
export * from "./audit";
export * from "./semantic-models";
export * from "./reports";
export * from "./subscriptions";
export * from "./runs";
