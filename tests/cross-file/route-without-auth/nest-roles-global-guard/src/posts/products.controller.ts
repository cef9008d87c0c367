import { Body, Controller, Delete, Param, Post } from '@nestjs/common';
import { Roles } from '../auth/roles.decorator';

@Controller('products')
export class ProductsController {
  @Post()
  @Roles(Role.Admin)
  create(@Body() body: CreateProductDto) {
    return this.products.create(body);
  }

  @Delete(':id')
  remove(@Param('id') id: string) {
    return this.products.remove(id);
  }
}
