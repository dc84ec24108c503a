import { z } from "zod";
import { describe, expect, it } from "vitest";
import { deliveryOptionFields } from "./delivery-options";

const schema = z.object(deliveryOptionFields);

describe("the sending options of the form", () => {
  it("read a ticked box as on and a missing one (unticked) as off, so an edit can turn an option off", () => {
    expect(schema.parse({ onlyWhenRows: "on" })).toEqual({
      onlyWhenRows: true,
      onlyWhenChanged: false,
      notifyOnFailure: false,
    });
    expect(schema.parse({})).toEqual({ onlyWhenRows: false, onlyWhenChanged: false, notifyOnFailure: false });
  });
});
