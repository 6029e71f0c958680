// The markets Partner Center lists for an Azure Application plan (ISO 3166 codes), as Microsoft's
// az-partner-center-cli fills a plan's feature availability (confs/variant/markets.json): the service keeps a
// state for every one of them, Enabled for those the plan is sold in and Disabled for the rest.

export const PARTNER_CENTER_MARKETS: readonly string[] = [
  'AD', 'AE', 'AF', 'AL', 'AM', 'AO', 'AR', 'AT', 'AU', 'AZ', 'BA', 'BB', 'BD', 'BE', 'BG', 'BH', 'BM', 'BN', 'BO', 'BR',
  'BW', 'BY', 'BZ', 'CA', 'CH', 'CI', 'CL', 'CM', 'CO', 'CR', 'CV', 'CW', 'CY', 'CZ', 'DE', 'DK', 'DO', 'DZ', 'EC', 'EE',
  'EG', 'ES', 'ET', 'FI', 'FJ', 'FO', 'FR', 'GB', 'GE', 'GH', 'GR', 'GT', 'HK', 'HN', 'HR', 'HU', 'ID', 'IE', 'IL', 'IN',
  'IQ', 'IS', 'IT', 'JM', 'JO', 'JP', 'KE', 'KG', 'KN', 'KR', 'KW', 'KY', 'KZ', 'LB', 'LI', 'LK', 'LT', 'LU', 'LV', 'LY',
  'MA', 'MC', 'MD', 'ME', 'MK', 'MN', 'MO', 'MT', 'MU', 'MX', 'MY', 'NA', 'NG', 'NI', 'NL', 'NO', 'NP', 'NZ', 'OM', 'PA',
  'PE', 'PH', 'PK', 'PL', 'PR', 'PS', 'PT', 'PY', 'QA', 'RO', 'RS', 'RU', 'RW', 'SA', 'SE', 'SG', 'SI', 'SK', 'SN', 'SV',
  'TH', 'TJ', 'TM', 'TN', 'TR', 'TT', 'TW', 'TZ', 'UA', 'UG', 'US', 'UY', 'UZ', 'VA', 'VE', 'VI', 'VN', 'YE', 'ZA', 'ZM',
  'ZW',
];
