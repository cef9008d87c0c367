import { Controller, Get } from '@nestjs/common';

@Controller()
export class AppController {
  @Get()
  index() {
    return { name: 'notes-api' };
  }

  @Get('notes')
  notes() {
    return [];
  }
}
