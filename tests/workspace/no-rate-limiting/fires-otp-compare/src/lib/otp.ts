import { redis } from "./redis";

export async function checkOtp(userId: string, otp: string): Promise<boolean> {
  const storedOtp = await redis.get(`otp:${userId}`);
  if (storedOtp === null) return false;
  return storedOtp === otp;
}

// Trap: "otp" inside another word is not a one-time code.
export const sameFootprint = (footprint: string, other: string) => footprint === other;
