import { NextResponse } from "next/server";

export async function GET() {
  console.log("listing orders");
  return NextResponse.json([]);
}
