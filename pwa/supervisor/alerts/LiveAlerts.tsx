export default function LiveAlerts() {
  return null;
}
