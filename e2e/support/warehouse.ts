import { warehouseSql } from "../../lib/warehouse/client";

/** Adds an owner to the demo warehouse, as a source system would. Returns its id. */
export async function addWarehouseOwner(name: string): Promise<string> {
  const id = `own-${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  await warehouseSql`insert into warehouse.owners (id, name, email) values (${id}, ${name}, ${id + "@example.com"})`;
  return id;
}
