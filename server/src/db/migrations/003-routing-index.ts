/** Migration 3: routing suggestions. */
export default `
  -- 马上分: which unit cases of a category in a town went to (P(unit | category, town))
  CREATE INDEX cases_routing ON cases(region_id, category_id, unit_id);
  `;
