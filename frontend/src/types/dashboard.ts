/** What the cards below the dashboard's figures are given: its city, school kind and date
 * (`asOf`, YYYY-MM-DD; none: today), and `scope` ("技工学校") beginning their titles. */
export type DashboardCardProps = { city?: number; kind?: string; scope?: string; asOf?: string };
