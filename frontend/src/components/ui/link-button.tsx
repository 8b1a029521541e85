import { Button, type ButtonProps } from 'antd';
import { useNavigate } from 'react-router-dom';

/** A button that navigates (no <button> nested inside an <a>). */
export function LinkButton({ to, ...props }: ButtonProps & { to: string }) {
  const navigate = useNavigate();
  return <Button {...props} onClick={() => navigate(to)} />;
}
