/** Migration 10: the office's 延期申请待审批 list (GET /api/cases?extensionPending=true): few rows, so a partial index. */
export default `
  CREATE INDEX cases_extension_pending ON cases(submitted_at) WHERE extension_pending_days IS NOT NULL;
  `;
