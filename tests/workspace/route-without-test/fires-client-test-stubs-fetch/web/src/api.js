export async function listRobots() {
  const res = await fetch('/robots');
  return res.json();
}
