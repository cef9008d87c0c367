import { Controller, Get } from "@nestjs/common";

@Controller("orders")
export class AppController {
  @Get()
  list() {
    return [];
  }
}
