/** Demo report, subscription and semantic model over the demo warehouse; added as those features land. */
export async function seedDemoObjects(): Promise<void> {}
