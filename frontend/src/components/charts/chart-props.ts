export type ChartProps = {
  option: Record<string, unknown>;
  height?: number;
  ariaLabel: string;
  onClick?: (params: { name: string; dataIndex: number }) => void;
};
