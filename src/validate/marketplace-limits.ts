// Partner Center's limits for an Azure Application offer (listing, plans, technical configuration), as its
// documentation gives them (2026). One place, so a change on Partner Center's side is one edit here.

export const LIMITS = {
  title: 200,
  summary: 100,
  shortDescription: 256,
  description: 5000,
  alias: 50,
  previewAudience: 100,
  authorizations: 100,
  usefulLinks: 25,
  linkTitle: 255,
  planName: 200,
  planSummary: 100,
  planDescription: 3000,
  meterId: 50,
} as const;
