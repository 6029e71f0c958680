// Partner Center's categories for Azure Application offers, with the subcategories each takes: the ids
// the submission API's leveledCategories uses (the v1 ingestion swagger's AzureProperty model, from which
// Microsoft's az-partner-center-cli generates its client), and the names the marketplace shows.

export interface MarketplaceCategory {
  label: string;
  subcategories: readonly string[];
}

export const MARKETPLACE_CATEGORIES: Readonly<Record<string, MarketplaceCategory>> = {
  'analytics-azure-apps': { label: 'Analytics', subcategories: ['big-data', 'data-analytics', 'data-insights', 'predictive-analytics', 'real-time-streaming-analytics', 'other-analytics'] },
  'ai-plus-machine-learning': { label: 'AI + Machine Learning', subcategories: ['automated-ml', 'bot-services', 'business-robotic-process-automation', 'cognitive-services', 'data-labeling', 'data-preparation', 'knowledge-mining', 'ml-operations', 'ml-service', 'other'] },
  'compute-azure-apps': { label: 'Compute', subcategories: ['application-infrastructure', 'cache', 'operating-systems', 'other-compute'] },
  'blockchain': { label: 'Blockchain', subcategories: ['app-accelerators', 'multi-node-ledger', 'single-node-leder', 'tools', 'other'] },
  'containers': { label: 'Containers', subcategories: ['container-apps', 'container-images', 'get-started-with-containers', 'other'] },
  'database': { label: 'Databases', subcategories: ['data-lakes', 'data-warehouse', 'ledger-blockchain-databases', 'nosql-databases', 'relational-databases', 'other-databases'] },
  'developer-tools-azure-apps': { label: 'Developer Tools', subcategories: ['developer-service', 'scripts', 'tools-developer-tools', 'other-developer-tools'] },
  'devops': { label: 'DevOps', subcategories: ['other'] },
  'identity': { label: 'Identity', subcategories: ['access-management', 'other'] },
  'integration': { label: 'Integration', subcategories: ['messaging', 'other'] },
  'internet-of-things-azure-apps': { label: 'Internet of Things', subcategories: ['iot-analytics-and-data', 'iot-connectivity', 'iot-edge-modules', 'iot-and-iiot-platforms', 'iot-security', 'iot-solutions', 'other-azure-apps'] },
  'it-and-management-tools': { label: 'IT & Management Tools', subcategories: ['business-applications', 'management-solutions', 'other'] },
  'media': { label: 'Media', subcategories: ['content-protection', 'live-and-on-demand-streaming', 'media-services', 'other'] },
  'migration': { label: 'Migration', subcategories: ['data-migration', 'other'] },
  'mixed-reality': { label: 'Mixed Reality', subcategories: ['other'] },
  'monitoring-and-diagnostics': { label: 'Monitoring & Diagnostics', subcategories: ['other'] },
  'networking': { label: 'Networking', subcategories: ['appliance-managers', 'connectivity', 'firewalls', 'load-balancers', 'other'] },
  'security': { label: 'Security', subcategories: ['identity-and-access-management', 'information-protection', 'threat-protection', 'other'] },
  'storage-azure-apps': { label: 'Storage', subcategories: ['backup-and-recovery', 'data-ingest-slash-etl', 'data-management', 'enterprise-hybrid-storage', 'block-file-and-object-sharing', 'other-storage'] },
  'web': { label: 'Web', subcategories: ['blogs-and-cms', 'ecommerce', 'smarter-web-apps', 'web-apps', 'web-apps-framework', 'other'] },
};

/** What the short names offerkit took before (and the marketplace's own words) are now. */
export const FORMER_CATEGORY_NAMES: Readonly<Record<string, string>> = {
  analytics: 'analytics-azure-apps',
  'ai-and-machine-learning': 'ai-plus-machine-learning',
  compute: 'compute-azure-apps',
  databases: 'database',
  'developer-tools': 'developer-tools-azure-apps',
  'internet-of-things': 'internet-of-things-azure-apps',
  storage: 'storage-azure-apps',
  compliance: 'security',
};

/** A readable name for a subcategory id (`data-ingest-slash-etl` → `Data ingest / ETL`). */
export function subcategoryLabel(id: string): string {
  const words = id.replace(/-slash-/g, ' / ').replace(/-and-/g, ' and ').replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1).replace(/\b(ml|iot|iiot|etl|cms)\b/gi, (w) => w.toUpperCase());
}

/** How the marketplace names a category and its subcategories: `Analytics (Data insights)`. */
export function categoryLabel(c: { id: string; subcategories: readonly string[] }): string {
  const label = MARKETPLACE_CATEGORIES[c.id]?.label ?? c.id;
  return c.subcategories.length ? `${label} (${c.subcategories.map(subcategoryLabel).join(', ')})` : label;
}
